// Test data for the browser benchmarks: the mock fixtures' appointments (valid per the contract),
// cloned n times across the coming days. @omsorg/mocks resolves to its dist here (plain Node).
export async function benchData(n) {
  const { createFixtures, persons } = await import('@omsorg/mocks');
  const fx = createFixtures(new Date());
  const me = fx.me.ola;
  const own = fx.subjects[me.subjects[0].id];
  const now = Date.now();
  const templates = own.appointments.filter((a) => Date.parse(a.start) > now);
  const day = 86_400_000;
  const shift = (iso, k) => new Date(Date.parse(iso) + k * day).toISOString();
  const appointments = Array.from({ length: n }, (_, i) => {
    const t = templates[i % templates.length];
    const k = Math.floor(i / templates.length) * 7;
    return {
      ...t,
      id: `bench-${i}`,
      start: shift(t.start, k),
      end: shift(t.end, k),
      cancellationPolicy: { ...t.cancellationPolicy, deadline: shift(t.cancellationPolicy.deadline, k) },
    };
  }).sort((a, b) => a.start.localeCompare(b.start));
  return { me, appointments, persons };
}
