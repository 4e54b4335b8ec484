// The worker behind parse-off-thread.ts: parses one YAML text with the fast parser and hands back its value and
// verified node index (the index's buffers moved, not copied), or null when the text needs the exact parser.
import { parentPort, workerData } from 'node:worker_threads';
import { parseFast } from './load-fast.js';

const { text, maxDepth } = workerData as { text: string; maxDepth: number };
const parsed = parseFast(text, maxDepth);
if (!parsed) parentPort?.postMessage(null);
else {
  const index = parsed.spans.index();
  const buffers = [index.starts.buffer, index.ends.buffer, index.kinds.buffer, index.lineStarts.buffer] as ArrayBuffer[];
  parentPort?.postMessage({ value: parsed.value, index }, buffers);
}
