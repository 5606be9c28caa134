// The issues of one site as they change over time: the generated base (never mutated) plus an overlay of
// versions written through the control API. Ids are contiguous (base first, then created issues), so lookups
// by id are arithmetic and scans run in id order; memory grows only with the number of changes.
import type { IssueSource } from './issue-source';
import type { IssueDef } from './types';

export class IssueStore {
  /** Base index → current version, or null once deleted. */
  private readonly changed = new Map<number, IssueDef | null>();
  /** Issues created through the control API, in id order; null once deleted. */
  private readonly created: Array<IssueDef | null> = [];
  /** Every key an issue has carried (after a move the old key still finds it, as in Jira) → issue id. */
  private readonly keys = new Map<string, string>();
  private readonly nextNumber = new Map<string, number>();
  private live: number;
  /** Bumped by every change, so search can reuse a sorted result while nothing changed. */
  version = 0;

  constructor(private readonly base: IssueSource) {
    this.live = base.size;
  }

  get size(): number {
    return this.live;
  }

  /** Every live issue at its latest version, in ascending id order. */
  *scan(): Generator<IssueDef> {
    const { base, changed } = this;
    for (let i = 0; i < base.size; i++) {
      const v = changed.size && changed.has(i) ? changed.get(i) : base.at(i);
      if (v) yield v;
    }
    for (const v of this.created) if (v) yield v;
  }

  /** Live issues with an id greater than `afterId`, ascending (keyset paging by id). */
  *scanAfter(afterId: number): Generator<IssueDef> {
    const start = Math.max(0, afterId + 1 - this.base.firstId);
    for (let i = start; i < this.base.size; i++) {
      const v = this.changed.size && this.changed.has(i) ? this.changed.get(i) : this.base.at(i);
      if (v) yield v;
    }
    const from = Math.max(0, start - this.base.size);
    for (let i = from; i < this.created.length; i++) {
      const v = this.created[i];
      if (v) yield v;
    }
  }

  getById(id: string): IssueDef | null {
    if (!/^\d+$/.test(id)) return null;
    const i = Number(id) - this.base.firstId;
    if (i < 0) return null;
    if (i < this.base.size) return this.changed.has(i) ? (this.changed.get(i) ?? null) : this.base.at(i);
    return this.created[i - this.base.size] ?? null;
  }

  /** By id or by any key the issue has carried. */
  get(idOrKey: string): IssueDef | null {
    if (/^\d+$/.test(idOrKey)) return this.getById(idOrKey);
    const key = idOrKey.toUpperCase();
    const known = this.keys.get(key);
    if (known) return this.getById(known);
    const i = this.base.indexOfKey(key);
    return i < 0 ? null : this.getById(String(this.base.firstId + i));
  }

  /** Next free issue number of a project (numbers are never reused, even after a delete or move). */
  allocateNumber(projectId: string): number {
    const n = this.nextNumber.get(projectId) ?? this.base.issueCountOf(projectId) + 1;
    this.nextNumber.set(projectId, n + 1);
    return n;
  }

  insert(issue: Omit<IssueDef, 'id'>): IssueDef {
    const full = { ...issue, id: String(this.base.firstId + this.base.size + this.created.length) };
    this.version++;
    this.created.push(full);
    this.keys.set(full.key.toUpperCase(), full.id);
    this.live++;
    return full;
  }

  /** Stores a new version of an existing issue (same id). */
  replace(issue: IssueDef): void {
    this.version++;
    const i = Number(issue.id) - this.base.firstId;
    if (i < this.base.size) this.changed.set(i, issue);
    else this.created[i - this.base.size] = issue;
    this.keys.set(issue.key.toUpperCase(), issue.id);
  }

  remove(id: string): boolean {
    if (!this.getById(id)) return false;
    this.version++;
    const i = Number(id) - this.base.firstId;
    if (i < this.base.size) this.changed.set(i, null);
    else this.created[i - this.base.size] = null;
    this.live--;
    return true;
  }
}
