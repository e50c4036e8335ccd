package io.github.accountopening.postgres;

import io.github.accountopening.process.AccountOpeningProcessTest;
import io.github.accountopening.support.EmbeddedPostgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Every path of the model again, the async path and escalation included, on profile postgres, with
 * tickets in a Jira Data Center reached with a personal access token (the H2 run has Jira Cloud).
 */
@ActiveProfiles("postgres")
@TestPropertySource(
        properties = {
            "simulator.jira.deployment=data-center",
            "jira.personal-access-token=dev-jira-personal-access-token"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountOpeningProcessOnPostgresTest extends AccountOpeningProcessTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.useNewDatabase(registry);
    }
}
