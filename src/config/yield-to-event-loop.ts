// Hands the event loop back for a moment (after pending I/O callbacks): long synchronous work on a large file
// (checks, normalize) pauses with it so network answers are taken in and the next requests go out meanwhile.
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
