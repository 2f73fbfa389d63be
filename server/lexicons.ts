import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { SettingsRepository } from '../models/store.js';

/**
 * Lexicons as analysts edit them. The shipped JSON files under `lexicons/` are version 0;
 * each edit is a new version kept in the store's settings, which the analyser reads as an
 * override:
 *   lexicon:<name>        the current override { version, editedBy, editedAt, content }
 *   lexicon:<name>@<n>    every version n ≥ 1, for history and rollback
 * `<name>` is the file's path under lexicons/ without `.json` (e.g. `sentiment/es`).
 */
export interface LexiconVersion {
  version: number;
  /** User id of the analyst; null for the shipped file. */
  editedBy: string | null;
  editedAt: string | null;
  content: unknown;
}

export type LexiconContent = Record<string, unknown> | unknown[];

export class Lexicons {
  private names: Promise<string[]> | undefined;

  constructor(
    private readonly dir: string,
    private readonly settings: SettingsRepository,
  ) {}

  /** Names of the shipped lexicons (the only names that exist: no path is built from input). */
  list(): Promise<string[]> {
    this.names ??= readdir(this.dir, { recursive: true }).then(
      (files) =>
        files
          .filter((file) => file.endsWith('.json'))
          .map((file) =>
            relative(this.dir, join(this.dir, file))
              .split(sep)
              .join('/')
              .replace(/\.json$/, ''),
          )
          .sort(),
      () => [],
    );
    return this.names;
  }

  async exists(name: string): Promise<boolean> {
    return (await this.list()).includes(name);
  }

  async shipped(name: string): Promise<LexiconVersion> {
    const content = JSON.parse(await readFile(join(this.dir, `${name}.json`), 'utf8')) as unknown;
    return { version: 0, editedBy: null, editedAt: null, content };
  }

  async current(name: string): Promise<LexiconVersion> {
    return (await this.settings.get<LexiconVersion>(`lexicon:${name}`)) ?? this.shipped(name);
  }

  async version(name: string, version: number): Promise<LexiconVersion | null> {
    if (version === 0) return this.shipped(name);
    return this.settings.get<LexiconVersion>(`lexicon:${name}@${version}`);
  }

  /** Every version, newest first, without contents. */
  async history(name: string): Promise<Omit<LexiconVersion, 'content'>[]> {
    const current = await this.settings.get<LexiconVersion>(`lexicon:${name}`);
    const out: Omit<LexiconVersion, 'content'>[] = [];
    for (let v = current?.version ?? 0; v >= 1; v--) {
      const record = await this.settings.get<LexiconVersion>(`lexicon:${name}@${v}`);
      if (record)
        out.push({ version: record.version, editedBy: record.editedBy, editedAt: record.editedAt });
    }
    out.push({ version: 0, editedBy: null, editedAt: null });
    return out;
  }

  /** Saves a new version; returns null when `baseVersion` is not the current one (someone else edited). */
  async save(
    name: string,
    content: LexiconContent,
    baseVersion: number,
    userId: string,
  ): Promise<LexiconVersion | null> {
    const current = await this.current(name);
    if (current.version !== baseVersion) return null;
    const record: LexiconVersion = {
      version: current.version + 1,
      editedBy: userId,
      editedAt: new Date().toISOString(),
      content,
    };
    await this.settings.set(`lexicon:${name}@${record.version}`, record);
    await this.settings.set(`lexicon:${name}`, record);
    return record;
  }
}
