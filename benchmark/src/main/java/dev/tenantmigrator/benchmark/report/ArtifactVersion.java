package dev.tenantmigrator.benchmark.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of a library on the class path, from the {@code pom.properties} Maven puts in its jar. */
public final class ArtifactVersion {

    private ArtifactVersion() {
    }

    /** The version of {@code groupId:artifactId}, or "?" when its jar carries no {@code pom.properties}. */
    public static String of(String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = ArtifactVersion.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "?";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
