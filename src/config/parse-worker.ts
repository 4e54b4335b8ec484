// The worker behind parse-off-thread.ts: parses one YAML text with the fast parser and hands back its value and
// node index (the index's buffers moved, not copied), or null when the text needs the exact parser.
import { parentPort, workerData } from 'node:worker_threads';
import { parseFastParts } from './load-fast.js';

const { text, maxDepth } = workerData as { text: string; maxDepth: number };
const parts = parseFastParts(text, maxDepth);
parentPort?.postMessage(parts ?? null, parts ? [parts.starts.buffer, parts.ends.buffer, parts.kinds.buffer] : []);
