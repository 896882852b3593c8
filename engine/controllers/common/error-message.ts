// The text of an error as Go's %v prints it in event and condition messages: an API error's message, or the text of
// any other error.

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
