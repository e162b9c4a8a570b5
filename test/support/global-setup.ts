// Placeholder global setup; the helm/registry preparation lands with the chart work.
export default async function setup(): Promise<void> {}
