// A timer trigger's schedule as the Functions host reads it: NCRONTAB, six fields
// ({second} {minute} {hour} {day} {month} {day-of-week}), in UTC (the host's time zone unless
// WEBSITE_TIME_ZONE says otherwise, which Lifeboat does not set). Parsing and the next occurrence come
// from croner; this module only pins the dialect: six fields, no Quartz extensions, and a day that must
// match both the day-of-month and the day-of-week fields when both are restricted, as NCrontab does.
import { Cron } from 'croner';

/** Characters croner accepts that NCRONTAB does not (Quartz's L, W, #, ?): refused rather than honoured. */
const QUARTZ_ONLY = /[LW#?]/i;

export class NcrontabSchedule {
  private readonly cron: Cron;

  private constructor(readonly expression: string) {
    this.cron = new Cron(expression, { mode: '6-part', timezone: 'Etc/UTC', domAndDow: true, paused: true });
  }

  /** Throws an Error naming the expression when it is not a six-field NCRONTAB schedule. */
  static parse(expression: string): NcrontabSchedule {
    const fields = expression.trim().split(/\s+/);
    if (fields.length !== 6) {
      throw new Error(
        `Timer schedule "${expression}" has ${fields.length} fields; NCRONTAB needs six: {second} {minute} {hour} {day} {month} {day-of-week}.`,
      );
    }
    if (QUARTZ_ONLY.test(expression.replace(/[a-z]{3}/gi, ''))) {
      throw new Error(`Timer schedule "${expression}" uses L, W, # or ?, which NCRONTAB does not accept.`);
    }
    try {
      return new NcrontabSchedule(fields.join(' '));
    } catch (err) {
      throw new Error(
        `Timer schedule "${expression}" is not valid NCRONTAB: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** The first occurrence strictly after `afterMs` (epoch ms); undefined when the schedule never runs again. */
  nextAfter(afterMs: number): number | undefined {
    return this.cron.nextRun(new Date(afterMs))?.getTime();
  }
}
