package io.authpipe.kms.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.Tag;

class TagsTest {

    private final KmsFixture fixture = new KmsFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void tagsGivenAtCreationAndLaterAreListedInKeyOrder() {
        String key = fixture.kms.createKey(request -> request.tags(tag("tenant", "t-1"))).keyMetadata().arn();

        fixture.kms.tagResource(request -> request.keyId(key).tags(tag("env", "test"), tag("tenant", "t-2")));

        assertThat(fixture.kms.listResourceTags(request -> request.keyId(key)).tags())
                .containsExactly(tag("env", "test"), tag("tenant", "t-2"));
    }

    @Test
    void untaggingRemovesTags() {
        String key = fixture.kms.createKey(request -> request.tags(tag("a", "1"), tag("b", "2"))).keyMetadata().arn();

        fixture.kms.untagResource(request -> request.keyId(key).tagKeys(List.of("a")));

        assertThat(fixture.kms.listResourceTags(request -> request.keyId(key)).tags()).containsExactly(tag("b", "2"));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().tagKey(key).tagValue(value).build();
    }
}
