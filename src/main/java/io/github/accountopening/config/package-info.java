/** Properties, security, HTTP clients and start-up checks. */
package io.github.accountopening.config;
