// Progress of long jobs (follow-ups, survey sends) that must never repeat a step: each finished step is
// recorded at once in the user's properties, keyed by spreadsheet, because a time-driven trigger that
// resumes the job has no document (and so no document properties). The sheet gets the same record at
// the end of each run; the two together are what "already done" means.

const MAX_CHUNK = 8000;

export class JobLog {
  private readonly store = PropertiesService.getUserProperties();

  constructor(
    private readonly spreadsheetId: string,
    private readonly name: string,
  ) {}

  private key(i: number): string {
    return `ph.${this.spreadsheetId}.${this.name}.${i}`;
  }

  /** What is done: read once per run. */
  read(): Set<string> {
    const done = new Set<string>();
    for (let i = 0; ; i++) {
      const chunk = this.store.getProperty(this.key(i));
      if (chunk === null) break;
      for (const item of chunk.split('\n')) if (item) done.add(item);
    }
    return done;
  }

  /**
   * Records one step as done. For an email, call it just before sending and `remove` if the send
   * fails: a step that failed is then retried, and one that went out is never repeated.
   */
  add(done: Set<string>, item: string): void {
    done.add(item);
    this.save(done);
  }

  remove(done: Set<string>, item: string): void {
    if (done.delete(item)) this.save(done, true);
  }

  private save(done: Set<string>, all = false): void {
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
    // Adding changes only the last chunk; a removal may change any, and may leave one fewer.
    const last = chunks.length - 1;
    if (all) {
      chunks.forEach((chunk, i) => this.store.setProperty(this.key(i), chunk));
      this.store.deleteProperty(this.key(last + 1));
      return;
    }
    this.store.setProperty(this.key(last), chunks[last]);
    if (last > 0 && this.store.getProperty(this.key(last - 1)) !== chunks[last - 1]) {
      this.store.setProperty(this.key(last - 1), chunks[last - 1]);
    }
  }
}

export interface QueuedJob {
  readonly spreadsheetId: string;
  readonly kind: 'followUp' | 'surveySend' | 'surveyRemind';
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

/** An email error that retrying will not fix (a bad address); anything else is retried later. */
export function isPermanentMailError(message: string): boolean {
  return /invalid (email|argument)|recipient/i.test(message) && !/too many times/i.test(message);
}
