package io.github.accountopening.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The client of the application under test, for tests to autowire. */
@TestConfiguration(proxyBeanMethods = false)
public class ApiClient {

    @Bean
    Api api(@Value("${server.port}") int port) {
        return new Api(port);
    }
}
