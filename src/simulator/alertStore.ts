// Alerts kept sorted by (createdAt, id) so createdAt ranges are found by binary search and the default
// CreatedAt sort needs no per-request sort, even with 100,000 alerts; ids are looked up through a Map.
import type { SimAlert } from './model';

function before(a: SimAlert, us: number, id: string): boolean {
  return a.createdAtUs < us || (a.createdAtUs === us && a.id < id);
}

export class AlertStore {
  private readonly sorted: SimAlert[] = [];
  private readonly byId = new Map<string, SimAlert>();

  get size(): number {
    return this.sorted.length;
  }

  get(id: string): SimAlert | undefined {
    return this.byId.get(id);
  }

  /** All alerts, oldest first. */
  all(): readonly SimAlert[] {
    return this.sorted;
  }

  add(alert: SimAlert): void {
    this.assertNew(alert);
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.sorted[mid], alert.createdAtUs, alert.id)) lo = mid + 1;
      else hi = mid;
    }
    this.sorted.splice(lo, 0, alert);
    this.byId.set(alert.id, alert);
  }

  /** Bulk load: one sort instead of one insertion each. */
  addMany(alerts: readonly SimAlert[]): void {
    for (const alert of alerts) {
      this.assertNew(alert);
      this.byId.set(alert.id, alert);
      this.sorted.push(alert);
    }
    this.sorted.sort((a, b) => a.createdAtUs - b.createdAtUs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Index range [start, end) of alerts with fromUs <= createdAt <= toUs. */
  range(fromUs: number, toUs: number): [number, number] {
    return [this.firstIndexAtOrAfter(fromUs), this.firstIndexAfter(toUs)];
  }

  at(index: number): SimAlert {
    return this.sorted[index];
  }

  private firstIndexAtOrAfter(us: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid].createdAtUs < us) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private firstIndexAfter(us: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid].createdAtUs <= us) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private assertNew(alert: SimAlert): void {
    if (this.byId.has(alert.id)) throw new Error(`An alert with id ${alert.id} already exists.`);
  }
}
