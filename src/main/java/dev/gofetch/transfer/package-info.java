/// The file transfer engine: every file download goes through {@link dev.gofetch.transfer.Downloader}.
///
/// A download learns the file's length and validator (ETag or Last-Modified) from its first
/// response, asked as `Range: bytes=0-` so that a small file comes in one request. A larger file is
/// shared among the free connections in equal ranges; later a freed connection takes over part of
/// the largest unfinished range (work stealing), so the tail of a file never crawls on one slow
/// connection. Ranged requests carry `If-Range` and `Accept-Encoding: identity`; every 206 is checked
/// against what was asked; a server that answers 200 to a range request is read as one stream.
/// Stalled and far-too-slow connections are dropped and their ranges re-queued; failures are retried
/// with jittered exponential backoff and, following the go command's `,`/`|` rules, handed to the
/// next mirror (continuing the remaining ranges there when both mirrors report the same length).
///
/// On disk, `<dest>.gofetch` holds the partial data and `<dest>.gofetch.journal` the completed
/// ranges with length, validator and mirror (magic, version, CRC-32; replaced by rename after the
/// data is forced to disk), so a killed process resumes where it stopped and a damaged or foreign
/// journal only costs a clean restart. The file appears under its final name, by rename, only when
/// complete and accepted by the caller's {@link dev.gofetch.transfer.Verifier}; a rejected file is
/// fetched again whole from one mirror. No name ends in `.tmp`, which the go command deletes beside
/// a zip.
///
/// Connections are bounded per file ({@link dev.gofetch.transfer.TransferOptions}) and across
/// downloads ({@link dev.gofetch.transfer.ConnectionBudget}); {@link dev.gofetch.transfer.MirrorHealth}
/// remembers how each mirror behaved; {@link dev.gofetch.transfer.TransferListener} reports every
/// phase (and {@link dev.gofetch.transfer.JsonTraceWriter} writes them as JSON lines);
/// {@link dev.gofetch.transfer.Credentials} adds per-host headers that never follow a redirect to
/// another host and never reach a trace.
package dev.gofetch.transfer;
