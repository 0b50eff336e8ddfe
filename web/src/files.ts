// SHA-256 in the browser: files are named by it (the server refuses a changed byte and stores each once), and the lab
// derives its Idempotency-Keys from it.
export async function sha256OfBlob(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Uploads a task's file under its SHA-256 (`PUT /api/tasks/{id}/photos/{sha256}`). The body is the file itself, which
 * the API describes in words rather than as a JSON schema, so plain fetch sends it. Storing the same bytes again is
 * harmless, so a retry after a lost answer changes nothing.
 */
export function putTaskFile(taskId: string, sha256: string, kind: string, file: Blob, type: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`/api/tasks/${encodeURIComponent(taskId)}/photos/${sha256}?kind=${kind}`, {
    method: 'PUT', body: file, credentials: 'same-origin', headers: { 'Content-Type': type || 'application/octet-stream', ...headers },
  });
}
