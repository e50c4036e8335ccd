package io.github.accountopening.postgres;

import io.github.accountopening.process.HistoryRetentionTest;
import io.github.accountopening.support.EmbeddedPostgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** History cleanup and parked-report retention on profile postgres, with a time to live other than the models' 180 days. */
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = "account-opening.history.time-to-live=P30D")
class HistoryRetentionOnPostgresTest extends HistoryRetentionTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.useNewDatabase(registry);
    }
}
