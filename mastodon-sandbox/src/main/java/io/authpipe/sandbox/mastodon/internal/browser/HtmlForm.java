package io.authpipe.sandbox.mastodon.internal.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code <form>} of a sandbox page, parsed with regular expressions (enough for the sandbox's own markup, not for
 * arbitrary HTML).
 *
 * @param method form method, lower case
 * @param action form action
 * @param fields named inputs with their values (hidden fields and pre-filled inputs)
 */
public record HtmlForm(String method, String action, Map<String, String> fields) {

    private static final Pattern FORM = Pattern.compile("<form([^>]*)>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_-]+)=\"([^\"]*)\"");

    /** Copies the fields. */
    public HtmlForm {
        fields = Map.copyOf(fields);
    }

    /** All forms of a page, in document order. */
    public static List<HtmlForm> parseAll(String html) {
        List<HtmlForm> forms = new ArrayList<>();
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attributes = attributes(form.group(1));
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                Map<String, String> inputAttributes = attributes(input.group(1));
                if (inputAttributes.containsKey("name")) {
                    fields.put(inputAttributes.get("name"), inputAttributes.getOrDefault("value", ""));
                }
            }
            forms.add(new HtmlForm(attributes.getOrDefault("method", "get").toLowerCase(java.util.Locale.ROOT),
                    attributes.getOrDefault("action", ""), fields));
        }
        return forms;
    }

    /** Whether this form's action is {@code path}. */
    public boolean postsTo(String path) {
        return method.equals("post") && action.equals(path);
    }

    private static Map<String, String> attributes(String markup) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher matcher = ATTRIBUTE.matcher(markup);
        while (matcher.find()) {
            attributes.put(matcher.group(1), unescape(matcher.group(2)));
        }
        return attributes;
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
