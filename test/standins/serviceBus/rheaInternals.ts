// The few rhea runtime fields and helpers the stand-in needs that rhea's typings leave out.
import rhea, { type AmqpError, type Delivery, type Sender, type link } from 'rhea';

/** An AMQP value rhea has already wrapped with its descriptor (an outcome, ready for a disposition). */
export interface DescribedValue {
  readonly descriptor: unknown;
}

interface Outcome {
  described(): DescribedValue;
}

interface RheaOutcomes {
  accepted(): Outcome;
  released(): Outcome;
  modified(fields: { undeliverable_here?: boolean }): Outcome;
  rejected(fields: { error?: AmqpError }): Outcome;
}

interface LinkInternals {
  /** The attach frame rhea sends back; fields set here before the next tick go on the wire. */
  local: { attach: { snd_settle_mode?: number; rcv_settle_mode?: number } };
  /** Credit granted by the peer, minus transfers already written. */
  credit: number;
  session: { outgoing: { next_pending_delivery: number } };
}

interface DeliveryInternals {
  remote_settled: boolean;
}

function internals(l: link): LinkInternals {
  return l as unknown as LinkInternals;
}

/** Make our half of the attach mirror the settle modes the client asked for. */
export function setAttachFields(l: link, fields: { sndSettleMode?: number; rcvSettleMode?: number }): void {
  const attach = internals(l).local.attach;
  if (fields.sndSettleMode !== undefined) attach.snd_settle_mode = fields.sndSettleMode;
  if (fields.rcvSettleMode !== undefined) attach.rcv_settle_mode = fields.rcvSettleMode;
}

export function linkCredit(sender: Sender): number {
  return internals(sender).credit;
}

/** Deliveries with an id below this have been written to the socket (ids are per session, in order). */
export function nextUnsentDeliveryId(sender: Sender): number {
  return internals(sender).session.outgoing.next_pending_delivery;
}

const outcomes = rhea.message as unknown as RheaOutcomes;

export type OutcomeName = 'accepted' | 'released' | 'modified' | 'rejected';

/** A delivery state for our settled disposition; an `error` makes the SDK fail the settle call. */
export function outcome(
  name: OutcomeName,
  fields: { undeliverable_here?: boolean; error?: AmqpError } = {},
): DescribedValue {
  switch (name) {
    case 'accepted':
      return outcomes.accepted().described();
    case 'released':
      return outcomes.released().described();
    case 'modified':
      return outcomes.modified({ undeliverable_here: fields.undeliverable_here }).described();
    case 'rejected':
      return outcomes.rejected(fields.error ? { error: fields.error } : {}).described();
  }
}

/**
 * Settle an outgoing delivery. With rcv-settle-mode "second" the SDK never sends a final settle after
 * ours, so rhea would keep the delivery in its 2048-slot session buffer forever; mark it done.
 */
export function settleOutgoing(delivery: Delivery, state: DescribedValue): void {
  delivery.update(true, state);
  (delivery as unknown as DeliveryInternals).remote_settled = true;
}
