/**
 * Awaits a call that must fail and returns everything the failure says: its message and each
 * peer's detail (a chaincode refusal travels in the details of an endorsement error).
 * @throws Error when the call succeeds.
 */
export async function refusalOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const e = error as { message?: string; details?: { message: string }[] };
    return [e.message ?? String(error), ...(e.details ?? []).map((d) => d.message)].join('\n');
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
