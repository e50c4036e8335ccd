/** Properties, HTTP clients, error answers and start-up checks. */
package io.github.accountopening.config;
