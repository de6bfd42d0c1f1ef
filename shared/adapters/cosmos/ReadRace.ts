// A read that met another writer halfway (an item the head names was replaced meanwhile). It carries 412 so
// that withEtagRetries reads again, exactly as after a lost optimistic-concurrency race.

export class ReadRace extends Error {
  override readonly name = 'ReadRace';
  readonly code = 412;
}
