/** The one way the local services raise an error as Google's services do. */

/** An error as Apps Script throws it from a service: named `Exception`, with Google's message. */
export function googleError(message: string): Error {
  const e = new Error(message);
  e.name = 'Exception';
  return e;
}
