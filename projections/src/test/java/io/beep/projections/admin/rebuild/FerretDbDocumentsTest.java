package io.beep.projections.admin.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.message.MessageViewKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The COPY lines a rebuild sends ({@link FerretDbDocuments#encodeLine}) are the readable encoding
 * ({@link FerretDbDocumentsReference#encode}, which {@code FerretDbTablesIntegrationTest} compares with
 * FerretDB's own storage) with COPY's escaping, byte for byte, and refuse the same documents.
 */
class FerretDbDocumentsTest {

    @Test
    void theLineOfADocumentIsItsEncodingEscapedForCopy() {
        var keys = MessageViewKeys.searchKeys("s1", List.of("hello", "world"), 300);
        var message = new Document("_id", "1201").append("channelId", "77").append("serverId", "5")
                .append("content", "hello \"world\" \\ back\\slash\nline\ttab\r \u0001 \u001f \u007f é ✓ 😀 \u2028")
                .append("nonce", null).append("createdAt", new Date(1_795_821_771_406L)).append("pinned", false)
                .append("attachments", List.of()).append("tokens", List.of("hello", "world"))
                .append("position", 13_035L).append(MessageViewKeys.SCOPE_NUMBER, 300L).append("sk", keys);
        var mixed = new Document("channelId", "78").append("_id", "1203")
                .append("attachments", List.of(new Document("id", "f1").append("filename", "Report \"Q3\".txt")))
                .append("nested", new Document("b", 1).append("_id", "inner").append("deeper",
                        new Document("list", List.of(1, "two", true, 3L))))
                .append("count", -7).append("big", Long.MIN_VALUE).append("when", new Date(-1_000L))
                .append("na\"me\\", "odd field name").append("nämé", "ü");
        for (var document : List.of(message, mixed, new Document("_id", "x"), new Document("_id", 5L)
                .append("map", Map.of("k", "v")))) {
            assertSameLine(document);
        }
    }

    @Test
    void randomDocumentsGiveTheSameLineAsTheirEncoding() {
        var random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            assertSameLine(randomDocument(random, 0));
        }
    }

    @Test
    void documentsTheEncodingRefusesWriteNoLine() {
        for (var document : List.of(new Document("content", "no id"), new Document("_id", "a").append("size", 1.5),
                new Document("_id", "a").append("ref", new ObjectId()), new Document("_id", "a").append("$set", 1),
                new Document("_id", "a").append("a.b", 1), new Document("_id", "a").append("text", "nul\u0000"),
                new Document("_id", "a").append("text", "half \ud83d"), new Document("_id", "a").append("text", "\udc00"),
                new Document("_id", "a").append("empty", new Document()),
                new Document("_id", "a").append("list", List.of(List.of(1))))) {
            assertThat(FerretDbDocumentsReference.encode(document)).isNull();
            var line = new FerretDbDocuments.Line(16);
            line.add('x');
            assertThat(FerretDbDocuments.encodeLine(document, line)).as(document.toJson()).isFalse();
            assertThat(line.size()).isEqualTo(1);
        }
    }

    private static void assertSameLine(Document document) {
        var text = FerretDbDocumentsReference.encode(document);
        var line = new FerretDbDocuments.Line(16);
        line.add('x');
        boolean written = FerretDbDocuments.encodeLine(document, line);
        if (text == null) {
            assertThat(written).isFalse();
            assertThat(line.size()).isEqualTo(1);
            return;
        }
        assertThat(written).isTrue();
        var expected = FerretDbDocumentsReference.copyLine(text).getBytes(StandardCharsets.UTF_8);
        var actual = Arrays.copyOfRange(line.bytes(), 1, line.size());
        assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(expected);
    }

    private static Document randomDocument(Random random, int depth) {
        var document = new Document();
        if (depth == 0 || random.nextBoolean()) {
            document.append("_id", randomText(random));
        }
        int fields = 1 + random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            document.append(random.nextInt(20) == 0 ? randomText(random) : "f" + i, randomValue(random, depth, false));
        }
        return document;
    }

    private static Object randomValue(Random random, int depth, boolean inArray) {
        return switch (random.nextInt(depth < 2 ? 10 : 8)) {
            case 0 -> null;
            case 1, 2 -> randomText(random);
            case 3 -> random.nextBoolean();
            case 4 -> random.nextInt();
            case 5 -> random.nextLong();
            case 6 -> new Date(random.nextLong() >> 20);
            case 7 -> random.nextInt(30) == 0 ? 1.5 : "plain";
            case 8 -> {
                var list = new ArrayList<>();
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    list.add(inArray && random.nextInt(10) == 0 ? List.of() : randomValue(random, depth + 1, true));
                }
                yield list;
            }
            default -> randomDocument(random, depth + 1);
        };
    }

    /** Text with quotes, backslashes, control characters, non-ASCII and (rarely) NUL or lone surrogates. */
    private static String randomText(Random random) {
        var pool = "ab Z09\"\\\n\r\t\b\f\u0001\u001f\u007f\u0080éü✓\u2028€$._";
        var text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(pool.length() + 3);
            if (pick < pool.length()) {
                text.append(pool.charAt(pick));
            } else if (pick == pool.length()) {
                text.append("😀");
            } else if (random.nextInt(50) == 0) {
                text.append(pick == pool.length() + 1 ? '\u0000' : '\ud83d');
            } else {
                text.append('x');
            }
        }
        return text.toString();
    }
}
