package io.github.accountopening.postgres;

import io.github.accountopening.process.AccountOpeningProcessTest;
import io.github.accountopening.support.EmbeddedPostgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every path of the model again, the async path and escalation included, on profile postgres. */
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountOpeningProcessOnPostgresTest extends AccountOpeningProcessTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.useNewDatabase(registry);
    }
}
