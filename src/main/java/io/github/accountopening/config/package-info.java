/** Properties, HTTP clients, error answers and start-up checks. */
@NullMarked
package io.github.accountopening.config;

import org.jspecify.annotations.NullMarked;
