package io.authpipe.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.broker.api.ApiProblem;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Path segments are percent-decoded exactly once, as strict UTF-8, with '+' a plain character. */
class PathParamsTest {

    @Example
    void plusAndItsEscapesAndSpaceAreThreeDifferentThings() {
        assertThat(PathParams.decode("a+b")).isEqualTo("a+b");
        assertThat(PathParams.decode("a%2Bb")).isEqualTo("a+b");
        assertThat(PathParams.decode("a%20b")).isEqualTo("a b");
        assertThat(PathParams.decode("a%252Bb")).isEqualTo("a%2Bb");
    }

    @Property
    void everyPercentEncodingOfAnIdDecodesToThatIdAndOnlyThat(@ForAll @StringLength(min = 1, max = 40) String id) {
        String utf8 = new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String encoded = percentEncodeEveryByte(utf8);

        assertThat(PathParams.decode(encoded)).isEqualTo(utf8);
        assertThat(PathParams.decode(percentEncodeEveryByte(encoded))).isEqualTo(encoded);
    }

    @Example
    void brokenEscapesAndBrokenUtf8AreInvalidPaths() {
        for (String broken : new String[] {"%", "a%", "a%2", "%G1", "%1G", "%C3", "%FF", "%C3%28", "%ED%A0%80",
                "%\u0663\u0663"}) {
            assertThatThrownBy(() -> PathParams.decode(broken)).as(broken)
                    .isInstanceOfSatisfying(ApiProblem.ApiException.class,
                            e -> assertThat(e.problem().error()).isEqualTo("invalid_path"));
        }
    }

    private static String percentEncodeEveryByte(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }
}
