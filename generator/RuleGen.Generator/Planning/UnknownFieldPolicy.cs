namespace RuleGen.Generator.Planning
{
    /// <summary>What a front end makes of a field its complete schema does not have.</summary>
    internal enum UnknownFieldPolicy
    {
        /// <summary>RG0050, an error: ES|QL, KQL and EQL are checked against the schema Kibana checks them with.</summary>
        Error,

        /// <summary>
        /// RG0071, a warning, and the rule compiles: Sigma rules are written for many backends and do name fields a
        /// log source never writes (SigmaHQ's aws_delete_saml_provider tests <c>status</c>); the field is then
        /// missing from every event, which the leaf semantics already say how to evaluate.
        /// </summary>
        Warning,
    }
}
