// What a person does for one guided checklist line, as data: the executor verifies it, the views and the
// `cwctl sim operator` play it, and plan/guided-wording.ts turns it into the click path and words a person
// reads. The words are for display only: nothing recovers an action from them.
import type { CustomizeIdentifier, Level, LevelKind } from '../catalogue/types.js';

/** One level cell of a role: one column (add/edit/delete/inquire) of one function. */
export interface LevelAction {
  t: 'level';
  role: string;
  module: string;
  function: string;
  kind: LevelKind;
  from: Level;
  to: Level;
}

/** Items of one customize list of a role to allow and to remove. */
export interface CustomizeAction {
  t: 'customize';
  role: string;
  list: CustomizeIdentifier;
  add: string[];
  remove: string[];
  /** The live list could not be read: allow exactly `add`, removing anything else there. */
  exactly?: boolean;
}

/** A new API key pair for an API member, made in its screen (the private key is shown once). */
export interface ApiKeyAction {
  t: 'apiKey';
  member: string;
  description: string;
}

/** An operation the planner gave a person without a screen of its own (only a person can confirm it). */
export interface OtherAction {
  t: 'other';
  summary: string;
}

export type GuidedAction = LevelAction | CustomizeAction | ApiKeyAction | OtherAction;
