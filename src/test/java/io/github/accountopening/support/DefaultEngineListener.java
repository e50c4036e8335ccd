package io.github.accountopening.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Camunda's REST API finds "the default engine" in a JVM-wide registry. Several test applications
 * live side by side in one test JVM, so before each test the engine of the application under test is
 * made the default again.
 */
public class DefaultEngineListener implements TestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext
                    .getApplicationContext()
                    .getBeanProvider(ProcessEngine.class)
                    .ifAvailable(ProcessEngines::registerProcessEngine);
        }
    }
}
