package io.drover.server;

/**
 * A command that runs Drover itself on a store ({@code server}, {@code worker}, {@code scheduler},
 * {@code migrate}, {@code bench-worker}) rather than calling a server. What stops it comes from
 * around it — a store that refuses, a file that cannot be read, a port taken — in whatever
 * unchecked exception the library at hand throws, each with a message that says what; so {@link
 * CommandFailures} ends it with that message in one line rather than a stack trace.
 */
interface ProcessCommand {}
