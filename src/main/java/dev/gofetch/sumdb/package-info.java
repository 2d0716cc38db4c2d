/// The checksum database (GOSUMDB), as the go command uses it: signed notes, the transparency log
/// (record and tree hashes, tiles, inclusion and consistency proofs), a client that verifies every
/// lookup and caches what it verified where the go command does, access through the GOPROXY list,
/// and a test database server that the real go command accepts.
package dev.gofetch.sumdb;
