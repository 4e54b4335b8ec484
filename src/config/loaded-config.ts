// The checked file(s) in one piece, each item remembering where it was written, so rules can point at it.
// Types and two position helpers only; mergeDocuments builds it, rules/*.ts read it.

import type { SourceSpan } from '../model/diagnostic.js';
import type { ManagedDevicesMappingFile, MemberFile, MovedFile, PsaTargetFile, RoleFile } from '../model/desired.js';
import { spanOf } from './load.js';
import type { LoadedDocument, YamlPath } from './load.js';

export interface Sourced<T> {
  value: T;
  doc: LoadedDocument;
  /** Path of this item inside its document, e.g. ['roles', 2]. */
  path: YamlPath;
}

export interface LoadedConfig {
  files: string[];
  psa?: Sourced<PsaTargetFile>;
  roles: Sourced<RoleFile>[];
  members: Sourced<MemberFile>[];
  managedDevices: Sourced<ManagedDevicesMappingFile>[];
  /** `moved:` entries of every file (absent on configs built by hand). */
  moved?: Sourced<MovedFile>[];
}

/** Position of the item's value (or of a value below it). */
export function at(item: Sourced<unknown>, ...sub: YamlPath): SourceSpan {
  return spanOf(item.doc, [...item.path, ...sub]);
}

/** Position of the key of a value below the item (e.g. the permission's "Module / Function" key). */
export function keyAt(item: Sourced<unknown>, ...sub: YamlPath): SourceSpan {
  return spanOf(item.doc, [...item.path, ...sub], 'key');
}

export function renderSpan(span: SourceSpan): string {
  return `${span.file}:${span.line}:${span.column}`;
}

