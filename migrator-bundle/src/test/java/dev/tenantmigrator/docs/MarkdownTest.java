package dev.tenantmigrator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.dropwizard.MigratorFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Markdown files render: fences close, relative links and their anchors lead somewhere; the reference is complete. */
class MarkdownTest {

    private static final Pattern OPENING_FENCE = Pattern.compile("^```[A-Za-z0-9_+-]*$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void everyCodeFenceIsClosed() {
        List<String> problems = new ArrayList<>();
        for (Path file : Docs.markdownFiles()) {
            List<String> lines = Docs.lines(file);
            int open = -1;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!line.stripLeading().startsWith("```")) {
                    continue;
                }
                String fence = line.strip();
                if (open < 0) {
                    if (!OPENING_FENCE.matcher(fence).matches()) {
                        problems.add(file + ":" + (i + 1) + ": not an opening fence: " + line);
                    }
                    open = i;
                } else if (fence.equals("```")) {
                    open = -1;
                } else {
                    problems.add(file + ":" + (i + 1) + ": a fence opened at line " + (open + 1) + " is closed by " + line);
                    open = -1;
                }
            }
            if (open >= 0) {
                problems.add(file + ":" + (open + 1) + ": the fence opened here is never closed");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndHeading() {
        List<String> problems = new ArrayList<>();
        for (Path file : Docs.markdownFiles()) {
            List<String> lines = Docs.lines(file);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.stripLeading().startsWith("```")) {
                    inFence = !inFence;
                }
                if (inFence) {
                    continue;
                }
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue;                                     // https:, mailto:
                    }
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    Path to = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    if (!Files.exists(to)) {
                        problems.add(file + ":" + (i + 1) + ": " + target + " does not exist");
                    } else if (hash >= 0 && to.toString().endsWith(".md")
                            && !anchors(to).contains(target.substring(hash + 1))) {
                        problems.add(file + ":" + (i + 1) + ": " + target + " names no heading");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** GitHub's anchors of a file's headings. */
    private static Set<String> anchors(Path file) {
        Set<String> anchors = new HashSet<>();
        boolean inFence = false;
        for (String line : Docs.lines(file)) {
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inFence && heading.matches()) {
                String anchor = heading.group(1).strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = anchor;
                for (int n = 1; !anchors.add(unique); n++) {
                    unique = anchor + "-" + n;
                }
            }
        }
        return anchors;
    }

    @Test
    void theConfigurationReferenceListsEveryKey() {
        String reference = String.join("\n", Docs.lines(Docs.root().resolve("docs/configuration.md")));
        List<String> missing = new ArrayList<>();
        for (Field field : MigratorFactory.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !reference.contains("| `" + field.getName() + "` |")) {
                missing.add(field.getName());
            }
        }
        assertThat(missing).as("keys of MigratorFactory without a row in docs/configuration.md").isEmpty();
    }

    @Test
    void theReadmeStaysShort() {
        assertThat(Docs.lines(Docs.root().resolve("README.md"))).hasSizeLessThanOrEqualTo(250);
    }
}
