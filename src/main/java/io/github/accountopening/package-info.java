/** The application's start: Spring Boot with the embedded Camunda engine, its REST API and its webapps. */
@NullMarked
package io.github.accountopening;

import org.jspecify.annotations.NullMarked;
