namespace Samples.Grains.Directory;

/// <summary>Credit-risk class (国市监信发〔2022〕6号): A low, B ordinary, C higher, D high. Internal, never published.</summary>
public enum RiskClass
{
    A,
    B,
    C,
    D,
}
