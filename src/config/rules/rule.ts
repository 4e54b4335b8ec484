// The type every rule has: a pure function from the loaded config to the problems it finds. Rules never
// throw, never do I/O, and each checks one thing (so each is table-tested on its own).

import type { Diagnostic } from '../../model/diagnostic.js';
import type { LoadedConfig } from '../loaded-config.js';

export type Rule = (config: LoadedConfig) => Diagnostic[];
