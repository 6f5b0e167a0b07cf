package org.quench.transport;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * SSH {@code zlib@openssh.com} compression for JSch on the JDK's native zlib. JSch's own pure-Java
 * port costs more CPU than the decryption it saves; its {@code juz} class, also on the JDK's zlib,
 * loses the connection on very compressible output (5 MB of one repeated log line through
 * JSch 2.27.3: 32 KB arrive, then "connection lost"; SshTransportTest keeps that case). Here each
 * call inflates until zlib makes no more progress with room to spare.
 *
 * <p>A corrupt stream returns null, which JSch treats as a fatal read error: the connection ends,
 * nothing half-decoded is ever handed to a command's output.
 */
public final class JdkZlibCompression implements com.jcraft.jsch.Compression {
    /** Room JSch needs after the payload for padding and MAC (as its own implementations leave). */
    private static final int MARGIN = 64;

    private Inflater inflater;
    private Deflater deflater;
    private byte[] out = new byte[1 << 15];

    @Override
    public void init(int type, int level) {
        if (type == INFLATER) {
            inflater = new Inflater();
        } else {
            deflater = new Deflater(level);
        }
    }

    @Override
    public byte[] uncompress(byte[] buf, int start, int[] len) {
        inflater.setInput(buf, start, len[0]);
        int n = 0;
        try {
            while (true) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int k = inflater.inflate(out, n, out.length - n);
                n += k;
                if (k == 0 && n < out.length) {
                    break; // room left and nothing produced: all input used, nothing pending
                }
            }
        } catch (DataFormatException e) {
            return null;
        }
        if (inflater.getRemaining() > 0 || inflater.needsDictionary()) {
            return null;
        }
        byte[] target = buf.length < start + n ? Arrays.copyOf(buf, start + n) : buf;
        System.arraycopy(out, 0, target, start, n);
        len[0] = n;
        return target;
    }

    /** {@code buf[start, len[0])} compressed in place (or into a larger copy); {@code len[0]} becomes its end. */
    @Override
    public byte[] compress(byte[] buf, int start, int[] len) {
        deflater.setInput(buf, start, len[0] - start);
        int n = 0;
        while (true) {
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            int k = deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            n += k;
            if (n < out.length) {
                break; // SYNC_FLUSH with room to spare: everything is out
            }
        }
        byte[] target = buf.length < start + n + MARGIN ? Arrays.copyOf(buf, start + n + MARGIN) : buf;
        System.arraycopy(out, 0, target, start, n);
        len[0] = start + n;
        return target;
    }

    @Override
    public void end() {
        if (inflater != null) {
            inflater.end();
        }
        if (deflater != null) {
            deflater.end();
        }
    }
}
