package io.github.accountopening.support;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The process tests together must walk more than 90% of the model. */
@TestConfiguration
class CoverageGoal {

    @Bean
    @Primary
    ProcessEngineCoverageProperties accountOpeningCoverage() {
        return new ProcessEngineCoverageProperties.Builder()
                .assertClassCoverageAtLeast(0.9)
                .build();
    }
}
