import { type DetectionMethods, detectionMethods } from '../sql/detection.ts';
import type { DuckDb } from './connection.ts';

/** The detection watermark methods of the DuckDB store; writes take the write connection in turn. */
export function duckDbDetectionMethods(db: DuckDb): DetectionMethods {
  const { writer, reader, exclusive, rows } = db;
  return detectionMethods(
    (sql, params) => exclusive(() => rows(writer, sql, params)),
    (sql, params) => rows(reader, sql, params),
  );
}
