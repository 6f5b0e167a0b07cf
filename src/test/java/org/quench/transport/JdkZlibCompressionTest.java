package org.quench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.Compression;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * The stream OpenSSH sends: one zlib stream, each packet's payload ended with a sync flush. Every
 * packet must come back whole, including packets that inflate beyond the working buffer.
 */
class JdkZlibCompressionTest {
    private static final byte[] LINE = ("Nov 23 09:02:53 mx1 postfix/submission/smtpd[4711]: 4ABCDEF123: client=unknown[127.0.7.3],"
            + " sasl_method=PLAIN, sasl_username=mallory@example.test\n").getBytes(StandardCharsets.US_ASCII);

    private static byte[] payload(Random r, int size, boolean repetitive) {
        byte[] b = new byte[size];
        if (repetitive) {
            for (int i = 0; i < size; i++) b[i] = LINE[i % LINE.length];
        } else {
            r.nextBytes(b);
        }
        return b;
    }

    @Test
    void everyPacketInflatesWholeWhateverItsSize() {
        Random r = new Random(42);
        Deflater server = new Deflater(6);
        Compression client = new JdkZlibCompression();
        client.init(Compression.INFLATER, 0);
        byte[] out = new byte[1 << 20];
        int packets = 0;
        for (int size : new int[]{1, 100, 4095, 4096, 4097, 32767, 32768, 32769, 65536, 200_000, 7, 32768}) {
            for (boolean repetitive : new boolean[]{true, false}) {
                byte[] data = payload(r, size, repetitive);
                server.setInput(data);
                int n = server.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
                assertThat(n).isLessThan(out.length);
                // as in JSch's packet buffer: 5 header bytes before the payload
                byte[] packet = new byte[5 + n];
                System.arraycopy(out, 0, packet, 5, n);
                int[] len = {n};
                byte[] got = client.uncompress(packet, 5, len);
                assertThat(got).as("packet of %d bytes", size).isNotNull();
                assertThat(Arrays.copyOfRange(got, 5, 5 + len[0])).as("packet of %d bytes", size).isEqualTo(data);
                packets++;
            }
        }
        assertThat(packets).isEqualTo(24);
        client.end();
    }

    @Test
    void compressesWhatAnInflaterReadsBack() throws Exception {
        Compression c = new JdkZlibCompression();
        c.init(Compression.DEFLATER, 6);
        Inflater inflater = new Inflater();
        Random r = new Random(7);
        for (int size : new int[]{10, 40_000, 300_000}) {
            byte[] data = payload(r, size, size != 40_000);
            byte[] buf = new byte[5 + size];
            System.arraycopy(data, 0, buf, 5, size);
            int[] end = {5 + size};
            byte[] packed = c.compress(buf, 5, end);
            inflater.setInput(packed, 5, end[0] - 5);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            byte[] tmp = new byte[8192];
            int k;
            while ((k = inflater.inflate(tmp)) > 0) back.write(tmp, 0, k);
            assertThat(back.toByteArray()).as("%d bytes", size).isEqualTo(data);
        }
        c.end();
    }

    @Test
    void aCorruptStreamEndsTheConnectionInsteadOfReturningGarbage() {
        Compression client = new JdkZlibCompression();
        client.init(Compression.INFLATER, 0);
        byte[] packet = {0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4};
        assertThat(client.uncompress(packet, 5, new int[]{7})).isNull();
    }
}
