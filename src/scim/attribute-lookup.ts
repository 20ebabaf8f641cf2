/**
 * The value of a top-level attribute of a SCIM body, matched case-insensitively (RFC 7643 §2.1);
 * undefined when the body has no such attribute.
 */
export function attributeValue(body: Record<string, unknown>, name: string): unknown {
  const wanted = name.toLowerCase();
  const key = Object.keys(body).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : body[key];
}
