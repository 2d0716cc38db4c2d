/// The file transfer engine: every file download goes through {@link dev.gofetch.transfer.Downloader}.
///
/// A download learns the file's length and validator from its first response, then splits the file
/// into byte ranges fetched over several connections; a freed connection takes over half of the
/// largest unfinished range, so the tail of a file never crawls on one slow connection. Stalled and
/// slow connections are dropped and their ranges re-queued; failures are retried with backoff and,
/// following the go command's `,`/`|` rules, handed to the next mirror. Progress is journaled next to
/// the partial file so a killed process resumes where it stopped, and the final file appears under
/// its name only once complete (and, optionally, verified).
package dev.gofetch.transfer;
