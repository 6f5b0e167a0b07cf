package org.quench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** {@code --json FILE}: one document per run, the shape PRODUCT.md §4 defines. */
public final class JsonReportWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    public static String toJson(RunReport report) throws IOException {
        return MAPPER.writeValueAsString(report);
    }

    public static void write(RunReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        // Write beside, then move: a reader (Jenkins, jq) never sees half a document.
        Path tmp = Files.createTempFile(parent, ".quench-", ".json");
        Files.writeString(tmp, toJson(report) + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
