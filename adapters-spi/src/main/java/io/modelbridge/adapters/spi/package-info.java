/** The SPI a vendor implements to ship a system adapter as a plugin jar. */
package io.modelbridge.adapters.spi;
