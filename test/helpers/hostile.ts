import fc from 'fast-check';

/** Strings that have broken parsers before: odd numbers, dates, zones, encodings, injections, pollution keys. */
export const NASTY = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '-1',
  '1e309',
  '1e-7',
  '0x10',
  '9007199254740993',
  '99999999999999999999999',
  '0.0000001',
  '1.2345678',
  'null',
  'true',
  '[]',
  '{}',
  '\u0000',
  '\ud800',
  '\u202e',
  'ÿ',
  '😀',
  'é',
  '../../etc/passwd',
  "'; DROP TABLE usage; --",
  '" OR 1=1 --',
  '%00',
  '%',
  '%ZZ',
  '(none)',
  'tag:',
  'tag:env',
  'tag:__proto__',
  'tag.',
  '2026-02-30',
  '2026-13-01T00:00:00Z',
  '2026-11-01T24:00:00Z',
  '2026-11-01T00:00:00',
  '2026-11-01T00:00:00+14:00',
  '2026-11-01T00:00:00-12:00',
  '2026-11-01T00:00:00+99:00',
  '2026-11-01T00:00:00.123456789Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01',
  '1969-12-31T23:59:59Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '1700000000',
  'Europe/Berlin',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Etc/GMT+14',
  'Etc/GMT-14',
  'Mars/Olympus_Mons',
  'UTC',
  'x'.repeat(10_000),
];

/** Hostile text: the list above, arbitrary unicode (lone surrogates included), and long strings. */
export const hostileString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('\ud83d', '\ude00', '\u0000', 'a', ',', '=', ' ', '"', '\\', '\n'),
    maxLength: 30,
  }),
  fc.string({ minLength: 300, maxLength: 3000 }),
);

/** Numbers at the edges. */
export const edgeNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e21),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf'),
  fc.string({ maxLength: 12 }),
);

/** Any JSON-able value with hostile leaves and keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    edgeNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** An object whose keys are `fields` (and a few hostile ones) with hostile or plausible values. */
export function hostileObject(
  fields: string[],
  plausible: fc.Arbitrary<unknown>[] = [],
): fc.Arbitrary<unknown> {
  const value = fc.oneof(hostileJson, ...plausible);
  return fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...fields), key), value, { maxKeys: fields.length + 2 }),
    hostileJson,
  );
}

const label = fc
  .string({ minLength: 1, maxLength: 60 })
  .filter((s) => s.trim().length > 0 && s.length === s.trim().length);
const safeKey = fc.string({ maxLength: 20 }).filter((k) => !['__proto__', 'constructor'].includes(k));

/** A usage record the API must accept: a fresh id, a zoned time, counts and a cost in micro-units. */
export const validRecord = fc.record({
  id: fc.uuid().map((u) => `fz-${u}`),
  timestamp: fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  provider: fc.constantFrom('openai', 'anthropic', 'google', 'Mistral'),
  model: label,
  user: fc.option(label, { nil: null }),
  team: fc.option(label, { nil: null }),
  project: fc.option(label, { nil: null }),
  tags: fc.dictionary(safeKey, fc.string({ maxLength: 50 }), { maxKeys: 3 }),
  inputTokens: fc.nat(),
  outputTokens: fc.nat({ max: 1_000_000_000 }),
  requests: fc.integer({ min: 0, max: 1000 }),
  costMicros: fc.bigInt({ min: 0n, max: 10n ** 12n }),
});

/** A valid record as JSON: the cost as an exact decimal string. */
export function recordJson<R extends { costMicros: bigint }>(r: R): Omit<R, 'costMicros'> & { cost: string } {
  const { costMicros, ...rest } = r;
  const whole = costMicros / 1_000_000n;
  const frac = (costMicros % 1_000_000n).toString().padStart(6, '0');
  return { ...rest, cost: `${whole}.${frac}` };
}

/** A record the API must reject, each for one reason it should name. */
export const invalidRecord = fc
  .tuple(
    validRecord,
    fc.constantFrom<[string, unknown]>(
      ['timestamp', undefined],
      ['timestamp', '2026-11-01T00:00:00'],
      ['timestamp', 1_700_000_000],
      ['timestamp', '2026-02-30T00:00:00Z'],
      ['provider', ''],
      ['provider', 42],
      ['model', '   '],
      ['model', null],
      ['inputTokens', -1],
      ['inputTokens', 1.5],
      ['inputTokens', '12'],
      ['outputTokens', 2 ** 60],
      ['requests', -3],
      ['cost', '-1'],
      ['cost', 'abc'],
      ['cost', '1e999'],
      ['currency', 'XXY'],
      ['tags', 5],
      ['tags', { env: 5 }],
      ['endTimestamp', '1999-01-01T00:00:00Z'],
      ['team', ''],
      ['user', 'u'.repeat(300)],
    ),
  )
  .map(([r, [field, value]]) => {
    const json: Record<string, unknown> = { ...recordJson(r) };
    if (value === undefined) delete json[field];
    else json[field] = value;
    // why: a negative billed cost is a credit and valid; a negative estimate is not.
    if (field === 'cost' && value === '-1') json.costKind = 'estimated';
    return json;
  });

/**
 * Number text at the extremes (issue 13): huge exponents, 2^53 and past it, the per-record limits and
 * one past them, very long digit strings, and NaN and Infinity as people spell them.
 */
export const NUMBER_TEXT_EXTREMES = [
  '1e999999',
  '-1e-999999',
  '1e10000000',
  '1E+400',
  '1e-400',
  '1e64',
  '1e65',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '-9007199254740993',
  '18014398509481982',
  '9007199254.740991',
  '9007199254.740993',
  '1000000000',
  '1000000000.000001',
  '1000000000000',
  '1000000000001',
  '9'.repeat(400),
  '1'.repeat(100_000),
  `0.${'0'.repeat(100_000)}1`,
  `1${'0'.repeat(64)}`,
  'NaN',
  '-NaN',
  'nan',
  'Infinity',
  '-Infinity',
  '+Infinity',
  'infinity',
  'inf',
  '-inf',
  '∞',
  '1_000',
  '0x1p53',
  '1e',
  '.5',
  ' 7 ',
];

/** The same extremes as JSON numbers, where JSON has them. */
export const NUMBER_EXTREMES: number[] = [
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e12,
  1e12 + 1,
  1e9,
  1e21,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
];

/** JSON number literals that `JSON.parse` reads as Infinity, 0 or a rounded value. */
export const NUMBER_LITERAL_EXTREMES = [
  '1e999999',
  '-1e-999999',
  '1e10000000',
  '9007199254740993',
  '1'.repeat(100_000),
  `0.${'0'.repeat(100_000)}1`,
];
