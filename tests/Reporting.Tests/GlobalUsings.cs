global using Microsoft.Extensions.Logging;
global using NUnit.Framework;
