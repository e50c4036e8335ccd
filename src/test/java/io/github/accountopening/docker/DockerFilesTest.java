package io.github.accountopening.docker;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker files users run, checked without a Docker engine: the compose file parses and wires two
 * nodes to one PostgreSQL and one Redis behind a load balancer; the image starts the jar the build makes.
 * (docker/check.sh starts the image's layered layout and runs nginx -t.)
 */
class DockerFilesTest {

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoNodesOnOneDatabaseAndOneRedisBehindALoadBalancer() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services).containsOnlyKeys("postgres", "redis", "app1", "app2", "lb");
        for (String node : List.of("app1", "app2")) {
            Map<String, Object> app = services.get(node);
            Map<String, Object> build = (Map<String, Object>) app.get("build");
            assertThat(build).containsEntry("dockerfile", "docker/Dockerfile").containsEntry("context", "..");
            Map<String, Object> env = (Map<String, Object>) app.get("environment");
            assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/account_opening")
                    .containsEntry("ACCOUNT_OPENING_DEDUP_STORE", "redis")
                    .containsEntry("SPRING_DATA_REDIS_HOST", "redis");
        }
        Map<String, Object> postgres = services.get("postgres");
        assertThat((Map<String, Object>) postgres.get("environment")).containsEntry("POSTGRES_DB", "account_opening");
        assertThat((List<String>) services.get("lb").get("ports")).containsExactly("8080:80");
        assertThat((List<String>) services.get("lb").get("volumes")).anyMatch(v -> v.startsWith("./nginx.conf:"));
        assertThat(Files.readString(Path.of("docker/nginx.conf"))).contains("server app1:8080", "server app2:8080");
    }

    @Test
    void theImageRunsTheJarTheBuildMakesAsANonRootUserWithAHealthCheck() throws IOException {
        String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
        String pom = Files.readString(Path.of("pom.xml"));

        assertThat(pom).contains("<finalName>account-opening</finalName>");
        assertThat(dockerfile).contains("COPY target/account-opening.jar application.jar")
                .contains("extract --layers --launcher")
                .contains("USER app")
                .contains("HEALTHCHECK")
                .contains("/actuator/health")
                .contains("ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }
}
