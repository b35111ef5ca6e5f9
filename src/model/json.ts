/** The JSON form of the model (`show --json`, the REST API): the model itself; provenance is a symbol and stays out. */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent);
}
