import type { UsageRecord } from '../domain/record.ts';

type DetailedUsage = Pick<
  UsageRecord,
  'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'reasoningTokens' | 'tags'
>;

/**
 * The priced details a record carries in tags, as sources write them: audio and image parts of its
 * input, cache reads and output, and provider-side tool calls. Each part is clamped to the count it is
 * a part of, so a bad tag can never make a price negative.
 */
export interface UsageDetail {
  inputAudio: number;
  inputImage: number;
  cacheReadAudio: number;
  cacheReadImage: number;
  outputAudio: number;
  outputImage: number;
  webSearchRequests: number;
  fileSearchRequests: number;
}

/** The tag names sources use for each detail; documented in the README's pricing section. */
export const DETAIL_TAGS = {
  inputAudio: 'inputAudioTokens',
  inputImage: 'inputImageTokens',
  cacheReadAudio: 'cacheReadAudioTokens',
  cacheReadImage: 'cacheReadImageTokens',
  outputAudio: 'outputAudioTokens',
  outputImage: 'outputImageTokens',
  webSearchRequests: 'webSearchRequests',
  fileSearchRequests: 'fileSearchRequests',
} as const satisfies Record<keyof UsageDetail, string>;

export function usageDetail(usage: DetailedUsage): UsageDetail {
  // why: no closure made per call (the loader names each one as it is made); this runs per record.
  const t = usage.tags;
  const inputAudio = Math.min(count(t[DETAIL_TAGS.inputAudio]), usage.inputTokens);
  const inputImage = Math.min(count(t[DETAIL_TAGS.inputImage]), usage.inputTokens - inputAudio);
  const cacheReadAudio = Math.min(count(t[DETAIL_TAGS.cacheReadAudio]), usage.cacheReadTokens);
  const cacheReadImage = Math.min(
    count(t[DETAIL_TAGS.cacheReadImage]),
    usage.cacheReadTokens - cacheReadAudio,
  );
  const outputRoom = usage.outputTokens - Math.min(usage.reasoningTokens, usage.outputTokens);
  const outputAudio = Math.min(count(t[DETAIL_TAGS.outputAudio]), outputRoom);
  const outputImage = Math.min(count(t[DETAIL_TAGS.outputImage]), outputRoom - outputAudio);
  return {
    inputAudio,
    inputImage,
    cacheReadAudio,
    cacheReadImage,
    outputAudio,
    outputImage,
    webSearchRequests: count(t[DETAIL_TAGS.webSearchRequests]),
    fileSearchRequests: count(t[DETAIL_TAGS.fileSearchRequests]),
  };
}

// why: tags are strings; only a plain non-negative integer counts, anything else counts as none.
function count(text: string | undefined): number {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return 0;
  return Number(text);
}
