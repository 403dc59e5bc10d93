package dev.gatehouse.runtime.composite;

import io.netty.buffer.ByteBuf;

/**
 * A step's answer body copied out of the connection's buffers as they arrive, never more than its limit: the
 * buffer grows by doubling up to the limit (or is sized once from {@code Content-Length}), and an append that would
 * pass the limit is refused, so the caller can stop reading at once.
 */
final class BoundedBytes {

    private final int limit;
    private byte[] bytes;
    private int size;

    /**
     * @param limit    most bytes held
     * @param declared the declared length, or -1 when unknown
     */
    BoundedBytes(int limit, long declared) {
        this.limit = limit;
        this.bytes = new byte[(int) Math.min(limit, declared >= 0 ? declared : 1_024)];
    }

    /** Copies the buffer's readable bytes; false (nothing copied) when they would pass the limit. */
    boolean append(ByteBuf buffer) {
        int length = buffer.readableBytes();
        if (length > limit - size) {
            return false;
        }
        if (size + length > bytes.length) {
            byte[] grown = new byte[(int) Math.min(limit, Math.max((long) bytes.length * 2, size + length))];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
        buffer.getBytes(buffer.readerIndex(), bytes, size, length);
        size += length;
        return true;
    }

    /** The bytes held (the array may be longer: see {@link #size()}). */
    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }
}
