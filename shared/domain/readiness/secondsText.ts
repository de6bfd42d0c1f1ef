// Durations for people in readiness texts: "42 s", "5 m", "1 h 30 m", "2 d" (rounded to what matters).

export function secondsText(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest === 0 ? `${m} m` : `${m} m ${rest} s`;
  }
  if (s < 86400) {
    const h = Math.floor(s / 3600);
    const m = Math.round((s % 3600) / 60);
    return m === 0 ? `${h} h` : `${h} h ${m} m`;
  }
  const d = Math.floor(s / 86400);
  const h = Math.round((s % 86400) / 3600);
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}
