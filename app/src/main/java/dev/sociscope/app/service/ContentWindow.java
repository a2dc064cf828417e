package dev.sociscope.app.service;

/**
 * Bytes of one file read from a window of its content.
 *
 * @param from where in the file the bytes start
 * @param bytes the bytes read (fewer than asked for at the file's end)
 * @param fileSize the file's whole size
 * @param bytesFetched layer bytes the read fetched (only the spans holding the window, not the file's)
 */
public record ContentWindow(long from, byte[] bytes, long fileSize, long bytesFetched) {}
