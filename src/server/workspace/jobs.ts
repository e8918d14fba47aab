// Progress of long jobs (follow-ups, survey sends and reminders) that must never repeat a step: each
// batch of steps is recorded in the user's properties before it goes (begin) and as gone after
// (commit), keyed by spreadsheet, because a time-driven trigger that resumes the job has no document
// (and so no document properties). The sheet gets the same record at the end of each run; the two
// together are what "already done" means. The mail loop (mail-loop.ts) is its user.

const MAX_CHUNK = 8000;

export class JobLog {
  private readonly store = PropertiesService.getUserProperties();
  /** The chunks as last read or written, so a write sends only those that changed. */
  private stored: string[] = [];
  /** Steps a run marked as about to go but never marked as gone: they may or may not have gone. */
  private unsure = new Set<string>();

  constructor(
    private readonly spreadsheetId: string,
    private readonly name: string,
  ) {}

  private key(i: number | 'sending'): string {
    return `ph.${this.spreadsheetId}.${this.name}.${i}`;
  }

  /** What is done: read once per run, with one call. */
  read(): Set<string> {
    const all = this.store.getProperties();
    const done = new Set<string>();
    this.stored = [];
    for (let i = 0; all[this.key(i)] !== undefined; i++) {
      const chunk = all[this.key(i)];
      this.stored.push(chunk);
      for (const item of chunk.split('\n')) if (item) done.add(item);
    }
    this.unsure = new Set((all[this.key('sending')] ?? '').split('\n').filter((x) => x && !done.has(x)));
    return done;
  }

  /**
   * Steps that an earlier run recorded as about to go (`begin`) and never recorded as gone (`commit`):
   * that run stopped in between, so each may or may not have gone. Never repeat them.
   */
  uncertain(): ReadonlySet<string> {
    return this.unsure;
  }

  /**
   * Records a batch of steps as about to go, in one write, before any of them goes. The uncertain steps
   * of earlier runs stay recorded with them.
   */
  begin(items: readonly string[]): void {
    this.store.setProperty(this.key('sending'), [...this.unsure, ...items].join('\n'));
  }

  /**
   * Records the steps of the batch that went as done, and the batch as no longer going, in one write
   * (retried once: a step recorded as going but not as gone would be reported as uncertain).
   */
  commit(done: Set<string>, went: readonly string[]): void {
    for (const item of went) done.add(item);
    const chunks = this.chunks(done);
    const changed: Record<string, string> = { [this.key('sending')]: [...this.unsure].join('\n') };
    chunks.forEach((chunk, i) => {
      if (this.stored[i] !== chunk) changed[this.key(i)] = chunk;
    });
    try {
      this.store.setProperties(changed);
    } catch {
      this.store.setProperties(changed);
    }
    this.stored = chunks;
  }

  private chunks(done: Set<string>): string[] {
    const chunks: string[] = [];
    let current = '';
    for (const x of done) {
      if (current.length + x.length + 1 > MAX_CHUNK) {
        chunks.push(current);
        current = '';
      }
      current += `${x}\n`;
    }
    chunks.push(current);
    return chunks;
  }
}

export interface QueuedJob {
  readonly spreadsheetId: string;
  readonly kind: 'followUp' | 'surveySend' | 'surveyRemind' | 'detailsSend' | 'detailsRemind';
  readonly id: string;
}

const QUEUE = 'ph.jobs';
export const RESUME_JOBS = 'resumeJobs';

export function queuedJobs(): QueuedJob[] {
  try {
    const parsed: unknown = JSON.parse(PropertiesService.getUserProperties().getProperty(QUEUE) ?? '[]');
    return Array.isArray(parsed) ? (parsed as QueuedJob[]) : [];
  } catch {
    return [];
  }
}

/** Adds or removes a job from the queue, and keeps exactly one resume trigger while the queue is not empty. */
export function setQueued(job: QueuedJob, waiting: boolean, after: number): void {
  const same = (j: QueuedJob) =>
    j.spreadsheetId === job.spreadsheetId && j.kind === job.kind && j.id === job.id;
  const before = queuedJobs();
  const queue = before.filter((j) => !same(j));
  if (waiting) queue.push(job);
  if (queue.length !== before.length || waiting !== before.some(same)) {
    PropertiesService.getUserProperties().setProperty(QUEUE, JSON.stringify(queue));
  }
  const triggers = ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === RESUME_JOBS);
  if (queue.length && !triggers.length) ScriptApp.newTrigger(RESUME_JOBS).timeBased().after(after).create();
  if (!queue.length) for (const t of triggers) ScriptApp.deleteTrigger(t);
}
